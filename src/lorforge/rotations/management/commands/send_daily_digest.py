"""Send the morning emails, one applicant per unit of work (run it from cron, on one or many machines)."""

from django.core.management.base import BaseCommand

from lorforge import clock
from lorforge.rotations.digest import digest_send_next


class Command(BaseCommand):
    help = "Email applicants who asked for it what is due today. --all keeps going until everyone is done."

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="handle every waiting applicant, not just one")

    def handle(self, *args, all=False, **options):
        handled = 0
        while profile := digest_send_next(today=clock.today()):
            handled += 1
            if not all:
                break
        self.stdout.write(f"Handled {handled} applicant{'s' if handled != 1 else ''}.")
