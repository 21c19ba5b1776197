"""What every app's models share (no tables here): how a row becomes the core's record, the lists' index."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from django.db import models


class AsRecord:
    """A model whose rows the core reads as one of its dataclasses (``core.records``): ``row.to_record()``.

    Each field of ``record_class`` is read from the row's attribute of the same name, or from the one that
    ``record_attributes`` names for it (``{"start": "start_date"}``).
    """

    record_class: ClassVar[type]
    record_attributes: ClassVar[dict[str, str]] = {}

    def to_record(self) -> Any:
        renamed = self.record_attributes
        return self.record_class(
            **{f.name: getattr(self, renamed.get(f.name, f.name)) for f in dataclasses.fields(self.record_class)}
        )


def newest_first(owner: str, day: str, *, name: str) -> models.Index:
    """The index behind a list of ``owner``'s rows by ``day``, newest first and the last added first on a day: the
    order every list of rotations and evidence is shown in (``ordering = [f"-{day}", "-id"]``)."""
    return models.Index(fields=[owner, f"-{day}", "-id"], name=name)
