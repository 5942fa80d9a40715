"""Capital letters of a phrase set inside a sentence (Decree 30/2020/NĐ-CP, Appendix II).

A title, a unit's name or an issuing body is written one way on its own ("Tổ chức Ngày hội …",
"Tỉnh Khánh Hòa", "BAN CHỈ ĐẠO 138") and another inside a sentence ("ban hành Kế hoạch tổ chức
Ngày hội …", "của Ban Chỉ đạo 138 tỉnh Khánh Hòa"). Only ordinary words lose their capital; proper
nouns (Tổ quốc, Đảng, Nhà nước, Nhân dân, Công an, Ngày hội, names of places, bodies and awards)
and abbreviations or symbols (KH, BCĐ, UBND, 138/KH-BCĐ) keep theirs. Every document builder
embeds phrases through `in_sentence` and issuing bodies through `body_in_sentence`, so the rule
lives here only.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

# Names that keep their capitals wherever they stand, as Decree 30/2020 (Appendix II) and the
# movement's own documents write them. A phrase starting with one of these is never lowered.
PROPER_NAMES = (
    "Tổ quốc",
    "Đảng",
    "Nhà nước",
    "Nhân dân",
    "Chính phủ",
    "Quốc hội",
    "Trung ương",
    "Việt Nam",
    "Thủ đô",
    "Thành phố Hồ Chí Minh",
    "Công an",
    "Bộ Công an",
    "Ủy ban nhân dân",
    "Hội đồng nhân dân",
    "Ban Chỉ đạo",
    "Ngày hội",
    "Bộ trưởng",
    "Thứ trưởng",
    "Thủ tướng",
    "Chủ tịch",
    "Giám đốc",
    "Cục trưởng",
    "Bằng khen",
    "Giấy khen",
    "Kỷ niệm chương",
    "Cờ thi đua",
    "Huân chương",
    "Huy chương",
)
# Common nouns naming a kind of unit: "tỉnh Khánh Hòa", "xã Cam Lâm" inside a sentence, even though
# the name that follows is capitalised.
UNIT_KINDS = (
    "Tỉnh",
    "Thành phố",
    "Xã",
    "Phường",
    "Đặc khu",
    "Thị xã",
    "Thị trấn",
    "Huyện",
    "Quận",
    "Thôn",
    "Xóm",
    "Ấp",
    "Bản",
    "Buôn",
    "Làng",
    "Tổ dân phố",
    "Khu phố",
    "Khu",
)
# Abbreviations that happen to spell a Vietnamese syllable, so the syllable test cannot tell them.
SYLLABLE_ABBREVIATIONS = frozenset({"CA", "CAT", "CAX"})
_SYMBOL_CHARACTERS = re.compile(r"[\d/\-().&]")
# One Vietnamese syllable with its tone and vowel marks folded away ("quốc" -> "quoc"): initial
# consonant, one to three vowels, final consonant. Anything else typed in capitals ("ANTQ",
# "UBND", "BCĐ", "TTXH") is an abbreviation.
_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$")
_EDGE_PUNCTUATION = "“”\"'‘’,.;:!?()[]"


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")


def _starts_with(phrase: str, names: Iterable[str]) -> bool:
    return any(phrase == name or (phrase.startswith(name) and not phrase[len(name)].isalnum()) for name in names)


def is_symbol(word: str) -> bool:
    """An abbreviation, number or document symbol that is written exactly as typed: "KH",
    "UBND", "TTr", "138/KH-BCĐ", "V05", "PV01"."""
    core = word.strip(_EDGE_PUNCTUATION)
    if not core:
        return False
    if _SYMBOL_CHARACTERS.search(core) or (sum(ch.isupper() for ch in core) > 1 and not core.isupper()):
        return True
    if core.isupper():
        return len(core) > 1 and (core in SYLLABLE_ABBREVIATIONS or not _SYLLABLE.match(_fold(core)))
    return False


def _is_name_word(word: str) -> bool:
    core = word.strip(_EDGE_PUNCTUATION)
    return bool(core) and core[0].isupper() and not is_symbol(core)


def in_sentence(phrase: str) -> str:
    """`phrase` as written inside a sentence: its first letter lowered only when the first word is
    an ordinary word.

    >>> in_sentence("Tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026")
    'tổ chức Ngày hội toàn dân bảo vệ an ninh Tổ quốc năm 2026'
    >>> in_sentence("Tỉnh Khánh Hòa"), in_sentence("Tổ quốc"), in_sentence("UBND tỉnh")
    ('tỉnh Khánh Hòa', 'Tổ quốc', 'UBND tỉnh')

    Kept as they are: proper names (`PROPER_NAMES`), a name of two capitalised words that is not a
    unit's kind and name ("Khánh Hòa", "Cục Cảnh sát …"), abbreviations and symbols ("KH",
    "138/KH-BCĐ"), and phrases starting with a digit or quote.
    """
    if not phrase or not phrase[0].isupper():
        return phrase
    first, _, rest = phrase.partition(" ")
    if is_symbol(first) or _starts_with(phrase, PROPER_NAMES):
        return phrase
    second = rest.split(" ", 1)[0]
    if (
        not _starts_with(phrase, UNIT_KINDS)
        and _is_name_word(first)
        and _is_name_word(second)
        and not _starts_with(rest, PROPER_NAMES)
    ):
        return phrase
    return phrase[0].lower() + phrase[1:]


def sentence_start(phrase: str) -> str:
    """`phrase` opening a sentence or standing alone: its first letter in capitals."""
    return phrase[:1].upper() + phrase[1:]


def body_in_sentence(body: str, *, places: Iterable[str] = ()) -> str:
    """An issuing body as written in a sentence: "BAN CHỈ ĐẠO 138" -> "Ban Chỉ đạo 138".

    A body typed in capitals (as the header prints it) is set in sentence case: ordinary words in
    lower case, abbreviations and symbols as typed ("ANTQ", "138/KH"), proper names
    (`PROPER_NAMES`) and the `places` given (short names such as "Khánh Hòa", which capitals alone
    cannot tell from ordinary words) with their capitals. A body typed in mixed case is the
    drafter's own spelling and is only joined onto one line.
    """
    text = " ".join(body.split())
    if not text or text != text.upper():
        return sentence_start(text)
    text = " ".join(word if is_symbol(word) else word.lower() for word in text.split(" "))
    written = {name.lower(): name for name in (*PROPER_NAMES, *places) if name}
    # One pass, longest name first, so "ủy ban nhân dân" is not read as "… Nhân dân".
    names = "|".join(re.escape(name) for name in sorted(written, key=len, reverse=True))
    text = re.sub(rf"(?<!\w)(?:{names})(?!\w)", lambda match: written[match.group(0)], text)
    return sentence_start(text)
