"""Query helpers the apps share."""

from __future__ import annotations

from django.db.models import QuerySet, StringAgg, Subquery, Value

_APART = "\x1f"  # the unit separator: never in a typed name (forms strip control characters)


def joined(rows: QuerySet, *, by: str, field: str) -> Subquery:
    """Every ``field`` of ``rows`` (filtered on an ``OuterRef``, grouped ``by`` the column that refers to it) in
    one text, read with the outer row instead of in a query of its own; ``split`` gives them back."""
    grouped = rows.order_by().values(by).annotate(joined=StringAgg(field, delimiter=Value(_APART)))
    return Subquery(grouped.values("joined")[:1])


def split(text: str | None) -> tuple[str, ...]:
    """The values ``joined`` read, in alphabetical order (none: an empty tuple)."""
    return tuple(sorted(value for value in (text or "").split(_APART) if value))
