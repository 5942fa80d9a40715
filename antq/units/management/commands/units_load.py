from typing import Any

from django.core.management.base import BaseCommand, CommandError

from antq.units.loader import UnitDataError, units_load


class Command(BaseCommand):
    help = "Load or refresh the official unit tree (34 provinces, 3,321 communes, pre-2025 history)."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--no-legacy", action="store_true", help="Skip the pre-2025 historical units.")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = units_load(include_legacy=not options["no_legacy"])
        except UnitDataError as exc:
            raise CommandError(f"Dữ liệu đơn vị không hợp lệ, không có gì được ghi: {exc}") from exc
        self.stdout.write(
            f"Đơn vị: tạo mới {report.created}, cập nhật {report.updated}, giữ nguyên {report.unchanged}."
        )
