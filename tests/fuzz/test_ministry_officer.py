"""The API fuzzed as bo.officer (tests/fuzz/harness.py)."""

import pytest

from tests.fuzz.harness import fuzz_test

pytestmark = [pytest.mark.django_db, pytest.mark.fuzz]

test_no_input_finds_a_server_error = fuzz_test("bo.officer")
