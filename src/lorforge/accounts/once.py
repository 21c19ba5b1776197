"""One record per form, however many times it is sent: Back then Save, a double tap, two tabs at once.

A creating form mixes in ``OnceTokenMixin``: it carries a hidden random token, generated when the
empty form is shown and kept when the form comes back with errors. The view saves inside
``submit_once``: the token is stored (unique per user) in the same transaction as the record, so a
second post with the same token finds it taken and creates nothing.
"""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Callable
from contextlib import contextmanager

from django import forms
from django.contrib import messages
from django.db import IntegrityError, transaction

from lorforge import clock
from lorforge.accounts.models import SubmittedForm

FIELD = "once"
ALREADY_SAVED = "Already saved: that form was sent twice, so it was kept only once."
_TOKEN = re.compile(r"[0-9a-f]{32}")
KEEP_FOR = dt.timedelta(days=30)


def new_token() -> str:
    return uuid.uuid4().hex


class OnceTokenMixin:
    """Adds the hidden one-time token; ``form.once_token`` is the sent value after validation ("" if none)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[FIELD] = forms.CharField(required=False, widget=forms.HiddenInput, initial=new_token)
        self.once_token = ""

    def clean(self):
        data = super().clean()
        token = str(data.pop(FIELD, "") or "").strip().lower()
        self.once_token = token if _TOKEN.fullmatch(token) else ""
        return data


def claim(*, user, token: str) -> bool:
    """Store the token; False when it was already stored (the form was sent before). Call in a transaction."""
    if not token:
        return True  # an old page without a token: nothing to compare it with
    try:
        with transaction.atomic():
            SubmittedForm.objects.create(user=user, token=token)
    except IntegrityError:
        return False
    SubmittedForm.objects.filter(user=user, created_at__lt=clock.now() - KEEP_FOR).delete()
    return True


@contextmanager
def submit_once(*, user, form):
    """``with submit_once(user=…, form=…) as first:`` — save inside the block only when ``first``."""
    with transaction.atomic():
        yield claim(user=user, token=getattr(form, "once_token", ""))


def save_once[T](request, form, save: Callable[[], T]) -> T | None:
    """Call ``save()`` only when this form was not sent before; else tell the applicant it is saved already and
    return None (Back then Save, a double tap, two concurrent posts: one record)."""
    with submit_once(user=request.user, form=form) as first:
        saved = save() if first else None
    if not first:
        messages.info(request, ALREADY_SAVED)
    return saved
