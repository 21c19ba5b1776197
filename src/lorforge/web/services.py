"""Service helpers every app shares: one way to change a row (HackSoft Django-Styleguide's ``model_update``)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.db import models


def model_update[M: models.Model](*, instance: M, fields: Iterable[str], data: dict[str, Any]) -> tuple[M, bool]:
    """Set ``fields`` from ``data`` (those present), validate with ``full_clean()`` and save.

    Plain fields are saved with ``update_fields`` (a new row is inserted whole); many-to-many fields are
    set after the row exists. Returns the instance and whether anything was given to change.
    """
    m2m_names = {f.name for f in instance._meta.many_to_many}
    given: list[str] = []
    m2m: dict[str, Any] = {}
    has_updated = instance._state.adding
    for name in dict.fromkeys(fields):
        if name not in data:
            continue
        if name in m2m_names:
            m2m[name] = data[name]
            continue
        # A ModelForm bound to the instance has already copied its values onto it, so every given field is
        # saved, not only those that differ from the instance.
        has_updated = has_updated or getattr(instance, name) != data[name]
        setattr(instance, name, data[name])
        given.append(name)
    instance.full_clean(exclude=list(m2m_names))
    if instance._state.adding:
        instance.save()
    elif given:
        auto_now = [f.name for f in instance._meta.fields if getattr(f, "auto_now", False)]
        instance.save(update_fields=[*given, *auto_now])
    for name, value in m2m.items():
        getattr(instance, name).set(value)
        has_updated = True
    return instance, has_updated
