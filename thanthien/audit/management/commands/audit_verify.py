"""Check the audit chain: ``manage.py audit_verify`` (alias ``manage.py verify``).

Prints the number of events checked and the last hash (write it down, or publish it, to make a
later rewrite of the whole chain detectable), or reports the first event that was altered or
removed and exits with status 1.
"""

from django.core.management.base import BaseCommand, CommandError

from thanthien.audit.selectors import audit_chain_verify


class Command(BaseCommand):
    help = "Verify the hash chain of the audit trail; report the first altered or removed event."

    def add_arguments(self, parser):
        parser.add_argument("--chunk-size", type=int, default=2000, help="rows fetched per round trip")

    def handle(self, *args, **options):
        report = audit_chain_verify(chunk_size=options["chunk_size"])
        if report.problem is not None:
            problem = report.problem
            raise CommandError(
                f"Audit chain broken [{problem.kind}]: {problem.detail}. {report.checked} events before it are intact."
            )
        self.stdout.write(
            self.style.SUCCESS(f"Audit chain intact: {report.checked} events, last hash {report.last_hash}.")
        )
