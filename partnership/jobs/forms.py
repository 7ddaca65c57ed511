"""The jobs' buttons: each a POST with its CSRF token and nothing else."""

from flask_wtf import FlaskForm


class PrepareForm(FlaskForm):
    """Prepare a large file in the background."""


class RetryForm(FlaskForm):
    """Try a failed job again."""
