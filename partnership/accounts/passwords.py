"""What a new password must be (OWASP ASVS 2.1, NIST SP 800-63B): long enough, not one of the
passwords attackers try first, not made of the account's own name; no composition rules.
Every place that sets a password goes through ``problem`` (``services.create_user`` and
``services.set_password``: the admin's forms, one's own change and ``flask users create-admin``)."""

import functools
import unicodedata

from flask_babel import gettext as _

PASSWORD_MIN = 12
PASSWORD_MAX = 128
NAME_PART_MIN = 3  # shorter parts of a name ("Li", "de") are found inside too many words

# Stripped from both ends before the common-password check: "password2025!" is "password".
_DECORATION = "0123456789 !\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"


@functools.cache
def common_passwords() -> frozenset[str]:
    """The 30,000 most common passwords of leaked lists, as zxcvbn ships them (lowercase)."""
    from zxcvbn.frequency_lists import FREQUENCY_LISTS

    return frozenset(FREQUENCY_LISTS["passwords"])


def is_common(password: str) -> bool:
    folded = password.casefold()
    core = folded.strip(_DECORATION)
    return folded in common_passwords() or (bool(core) and core in common_passwords())


def letters_and_digits(text: str) -> str:
    """``text`` folded to its letters and digits: "Oʻktam G'ulomov" becomes "oktamgulomov"."""
    return "".join(
        c
        for c in unicodedata.normalize("NFKC", text).casefold()
        if unicodedata.category(c)[0] in "LN" and unicodedata.category(c) != "Lm"
    )


def _name_parts(username: str, full_name: str) -> list[str]:
    parts = [letters_and_digits(username), letters_and_digits(full_name)]
    parts += [letters_and_digits(word) for word in full_name.split()]
    return [part for part in parts if len(part) >= NAME_PART_MIN]


def problem(password: str, *, username: str = "", full_name: str = "") -> str | None:
    """Why ``password`` cannot be the password of the account ``username`` of ``full_name``, or None."""
    if len(password) < PASSWORD_MIN:
        return _("Use at least %(min)d characters.", min=PASSWORD_MIN)
    if len(password) > PASSWORD_MAX:
        return _("Use at most %(count)d characters.", count=PASSWORD_MAX)
    if is_common(password):
        return _("This password is among the most common ones, which attackers try first; choose another.")
    folded = letters_and_digits(password)
    if any(part in folded for part in _name_parts(username, full_name)):
        return _("The password must not contain the username or the person's name.")
    return None
