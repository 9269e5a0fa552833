"""Number formatting and tables for explorers: re-exported from :mod:`xbedu.format` (one home for both)."""

from ..format import (
    Table,
    days,
    html_table,
    kg,
    money,
    months,
    multiple,
    number,
    percent,
)

__all__ = ["Table", "days", "html_table", "kg", "money", "months", "multiple", "number", "percent"]
