"""Account services: sign-up, profile, season dates, account deletion."""

from __future__ import annotations

from django.db import transaction
from django.db.models import Q

from lorforge import clock
from lorforge.core.season import SeasonDates, default_season_dates, season_for
from lorforge.web.services import model_update

from .models import Profile, User


@transaction.atomic
def user_sign_up(*, email: str, password: str) -> User:
    user = User.objects.create_user(email=email, password=password)
    Profile.objects.create(user=user, display_name="")
    return user


def profile_for(*, user: User) -> Profile:
    """The user's profile; created empty for accounts made outside sign-up (e.g. createsuperuser).

    Read once per user object: the clock reads it first on every signed-in request (the time zone) and Django
    keeps it on the user, so the pages that need it again ask no second query."""
    profile = getattr(user, "profile", None)
    if profile is None:
        profile, _ = Profile.objects.get_or_create(user=user, defaults={"display_name": ""})
    return profile


def profile_update(*, profile: Profile, **fields) -> Profile:
    profile, _ = model_update(instance=profile, fields=fields, data=fields)
    return profile


def season_dates(*, profile: Profile, today) -> SeasonDates:
    """The applicant's own dates where given, the usual estimates elsewhere."""
    estimate = default_season_dates(profile.season or season_for(today))
    return SeasonDates(
        applications_open=profile.applications_open or estimate.applications_open,
        submission_opens=profile.submission_opens or estimate.submission_opens,
        programs_review=profile.programs_review or estimate.programs_review,
    )


@transaction.atomic
def account_delete(*, user: User) -> None:
    """Delete the account and everything in it, uploaded files included."""
    for model in _owned_models():  # files first: deleting rows does not remove them
        file_fields = [f for f in model._meta.fields if f.get_internal_type() == "FileField"]
        for obj in model.objects.filter(user=user) if file_fields else ():
            for field in file_fields:
                stored = getattr(obj, field.name)
                if stored:
                    stored.delete(save=False)
    from .security import forget_sign_ins

    forget_sign_ins(user=user)  # log-in records (email, address, browser) and sessions
    user.delete()


_background_mail: list = []


def mail_in_background(messages) -> None:
    """Send emails after the response, off the request thread, so a slow mail server cannot be timed or
    felt. ``LORFORGE_MAIL_IN_BACKGROUND = False`` (tests) sends them right away."""
    import threading

    from django.conf import settings

    messages = list(messages)
    if not messages:
        return

    def send():
        for message in messages:
            try:
                message.send()
            except Exception:
                import logging

                logging.getLogger(__name__).exception("Could not send an email to %s", message.to)

    if not getattr(settings, "LORFORGE_MAIL_IN_BACKGROUND", True):
        send()
        return

    def start():
        thread = threading.Thread(target=send, name="lorforge-mail", daemon=True)
        _background_mail.append(thread)
        thread.start()

    transaction.on_commit(start)


def wait_for_background_mail(timeout: float = 10) -> None:
    """Tests and scripts: wait until the emails handed to ``mail_in_background`` are sent."""
    while _background_mail:
        _background_mail.pop().join(timeout)


OWN_APPS = ("accounts", "rotations", "evidence", "letters")


def _owned_models():
    """LORforge's models whose rows belong to one user (they have a ``user`` foreign key)."""
    from django.apps import apps

    return [
        model
        for model in apps.get_models()
        if model._meta.app_label in OWN_APPS and any(f.name == "user" for f in model._meta.fields)
    ]


def account_export(*, user: User) -> dict:
    """Everything the account holds, as plain JSON-ready data (uploaded files are listed, not embedded)."""
    from django.core import serializers

    records: dict[str, list[dict]] = {}
    for model in _owned_models():
        rows = serializers.serialize("python", model.objects.filter(user=user))
        if rows:
            records[str(model._meta.verbose_name_plural)] = [
                {"id": row["pk"], **_without_user(row["fields"])} for row in rows
            ]
    return {"exported_at": clock.now().isoformat(), "account": user.email, "records": records}


def _without_user(fields: dict) -> dict:
    fields = {k: v for k, v in fields.items() if k != "user"}
    for key, value in fields.items():
        if hasattr(value, "isoformat"):
            fields[key] = value.isoformat()
    return fields


def kept_words_for(*, user: User) -> set[str]:
    return set(user.kept_words.values_list("word", flat=True))


def kept_words_add(*, user: User, words) -> None:
    """Remember words the applicant kept, so the privacy guard stops flagging them."""
    from .models import KeptWord

    for word in {w.strip()[:100] for w in words if w and w.strip()}:
        KeptWord.objects.get_or_create(user=user, word=word)


def kept_word_remove(*, user: User, word: str) -> None:
    user.kept_words.filter(word=word).delete()


def export_findings(*, user: User) -> list[tuple[str, str, object]]:
    """Possible patient identifiers in what the applicant wrote: (what, field, finding) for each.

    Only free text is scanned (text fields, JSON texts, and short texts a model
    lists in ``free_text_fields``): dates, clinicians' emails and names are
    structured data the app asked for, not notes about patients. Entries that
    store the guard's findings when saved (models with ``guarded_fields``: the
    evidence, most of an account) are read from what they stored, checked again
    only where that is stale (``core.privacy.stored``).
    """
    from django.db import models as django_models

    from lorforge.core import privacy

    allow = kept_words_for(user=user)
    today = clock.today(user)
    found = []
    for model in _owned_models():
        what = str(model._meta.verbose_name)
        if guarded := getattr(model, "guarded_fields", ()):
            stored = _stored_findings(model, guarded, user=user, allow=allow, today=today)
            found += [(what, field, f) for field, f in stored]
            continue  # its other texts are the app's own (the coach's hint, the stored findings)
        names = [
            f.name
            for f in model._meta.fields
            if isinstance(f, (django_models.TextField, django_models.JSONField))
            or f.name in getattr(model, "free_text_fields", ())
        ]
        if not names or model._meta.model_name in ("keptword", "profile"):
            continue
        for row in model.objects.filter(user=user).values(*names):
            for field, value in row.items():
                for text in _texts(value):
                    found += [(what, field, f) for f in privacy.find_phi(text, allow=allow, today=today)]
    return found


def _stored_findings(model, guarded: tuple[str, ...], *, user: User, allow: set[str], today) -> list:
    """(field, finding) from what each of the user's ``model`` rows stored when saved. One query reads the rows
    with findings and the stale ones (stored before, or by another edition of the guard): those are checked
    again and stored (one more query, only then)."""
    from lorforge.core.privacy import stored

    fresh = Q(findings__edition=stored.edition(), findings__year=today.year)
    # Written out so that rows without those keys (stored before them, or empty) count as stale on every database.
    stale = Q(findings__edition__isnull=True) | Q(findings__year__isnull=True) | ~fresh
    rows = model.objects.filter(stale | (fresh & ~Q(findings__found=[])), user=user).order_by("pk")
    found, checked = [], []
    for row in rows.values("pk", "findings", *guarded):
        pk, findings = row.pop("pk"), row.pop("findings")
        if not stored.current(findings, today=today):
            findings = stored.check(row, today=today)
            checked.append(model(pk=pk, findings=findings))
        found += stored.reported(findings, allow=allow)
    model.objects.bulk_update(checked, ["findings"], batch_size=500)
    return found


def _texts(value) -> list[str]:
    if isinstance(value, str):
        return [value] if value else []
    if isinstance(value, dict):
        return [v for v in value.values() if isinstance(v, str) and v]
    if isinstance(value, list):
        return [v for v in value if isinstance(v, str) and v]
    return []
