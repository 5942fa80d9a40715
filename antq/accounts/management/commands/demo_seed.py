from typing import Any

from django.core.management.base import BaseCommand, CommandError

from antq.core.demo import DEMO_PASSWORD, demo_seed
from antq.units.models import Unit


class Command(BaseCommand):
    help = "Load the demo accounts, villages and organisations (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        if not Unit.objects.filter(code="42").exists():
            raise CommandError("Chưa có cây đơn vị: chạy `manage.py units_load` trước.")
        created = demo_seed()
        if created:
            self.stdout.write(f"Tài khoản mẫu mới: {', '.join(created)} (mật khẩu {DEMO_PASSWORD})")
        else:
            self.stdout.write("Dữ liệu mẫu đã có; giữ nguyên.")
