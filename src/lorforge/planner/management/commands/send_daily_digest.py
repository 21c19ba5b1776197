"""Send the morning digests that are due: one applicant per call, or all of them with --all.

Run it from cron every few minutes, on one machine or many against one database: each applicant is
claimed with a conditional UPDATE before their email is sent (see ``lorforge.planner.digest``).
"""

from django.core.management.base import BaseCommand, CommandError

from lorforge.planner.digest import digest_claim_next, digest_send


class Command(BaseCommand):
    help = (
        "Email applicants whose chosen hour has come what is due today (once per local day). "
        "--all keeps going until nobody is due."
    )

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="handle every applicant due now, not just one")

    def handle(self, *args, all=False, **options):
        handled = sent = 0
        failed: set[int] = set()
        while claim := digest_claim_next(skip=failed):
            handled += 1
            try:
                sent += digest_send(claim)
            except Exception as exc:
                failed.add(claim.profile.pk)
                self.stderr.write(
                    f"Could not send the digest of {claim.profile.user.email}: {exc}. "
                    "It will be retried on a later run."
                )
            if not all:
                break
        self.stdout.write(
            f"Handled {handled} applicant{'s' if handled != 1 else ''}, sent {sent} email{'s' if sent != 1 else ''}."
        )
        if failed:
            raise CommandError(f"{len(failed)} digest{'s' if len(failed) != 1 else ''} could not be sent.")
