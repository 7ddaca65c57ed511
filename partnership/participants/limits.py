"""How much a participant file may hold, and the error that refuses a file as a whole.

Every limit is checked while the file is read, before its size can cost a worker time or
memory: a file over one is refused with a message beside the file field."""

from dataclasses import dataclass, fields

from flask import current_app, has_app_context

from partnership.config import Defaults
from partnership.core.errors import DomainError

# Blank lines a sheet or CSV may have beyond its participants and header (Excel users leave some).
BLANK_ROWS_ALLOWED = 1000


class ImportFileError(DomainError):
    """The file as a whole cannot be read; ``message`` says why and what to do."""

    def __init__(self, message: str):
        super().__init__(message, field="file")


@dataclass(frozen=True)
class ImportLimits:
    max_bytes: int
    max_rows: int
    max_columns: int
    max_cells: int
    max_cell_chars: int
    xlsx_max_uncompressed_bytes: int
    xlsx_max_parts: int
    xlsx_max_xml_elements: int

    @classmethod
    def from_config(cls, config=None) -> "ImportLimits":
        """The limits of ``config`` (the app's, or the defaults outside an app)."""
        if config is None:
            config = current_app.config if has_app_context() else vars(Defaults)
        prefixed = {"max_bytes": "IMPORT_MAX_BYTES"}
        values = {}
        for field in fields(cls):
            name = prefixed.get(field.name) or (
                field.name.upper() if field.name.startswith("xlsx_") else f"IMPORT_{field.name.upper()}"
            )
            values[field.name] = int(config[name])
        return cls(**values)

    @property
    def max_table_rows(self) -> int:
        """Lines of a sheet or CSV file: the header, the participants and some blank lines."""
        return self.max_rows + 1 + BLANK_ROWS_ALLOWED
