"""Life-event letters (thư công, R1.6): which dossier gets which letter, and safe placeholders.

Kế hoạch 138/KH-UBND §1.6 asks the commune to send congratulation letters (birth, marriage),
condolence letters (death) and apology letters (late results). NĐ 30/2020 Điều 7 lists
"thư công" as a document type without abbreviation or model layout (legal-rules §9).

Templates are edited by staff, so they use ``string.Template`` with a fixed set of names:
``$name``, ``$procedure``, ``$code``, ``$commune``, ``$received``, ``$due``, ``$returned``. No
attribute access, no format spec, nothing evaluated; an unknown ``$word`` is refused on save.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

PLACEHOLDERS = ("name", "procedure", "code", "commune", "received", "due", "returned")

#: Procedure-name keywords (accent-folded, lower-case) → letter kind. A data choice: the
#: national catalogue names these civil-status procedures "Đăng ký khai sinh", "Đăng ký kết hôn",
#: "Đăng ký khai tử" (Luật Hộ tịch 2014).
KEYWORDS = (
    ("dang ky khai sinh", "birth"),
    ("dang ky ket hon", "marriage"),
    ("dang ky khai tu", "condolence"),
)

_IDENT = re.compile(r"\$(?:\{(?P<braced>[^}]*)\}|(?P<named>[A-Za-z_][A-Za-z_0-9]*)|(?P<other>.?))")


def kind_for_procedure(folded_name: str) -> str | None:
    """The life-event kind of a procedure from its accent-folded name, or None."""
    for keyword, kind in KEYWORDS:
        if keyword in folded_name:
            return kind
    return None


def unknown_placeholders(text: str) -> list[str]:
    """Placeholders in ``text`` that are not allowed ("$$" is a literal dollar sign)."""
    bad = []
    for match in _IDENT.finditer(text or ""):
        name = match.group("braced") or match.group("named")
        other = match.group("other")
        if name is not None and name not in PLACEHOLDERS:
            bad.append(name)
        elif name is None and other not in ("$",):
            bad.append(other or "$")
    return bad


def fill(text: str, values: Mapping[str, str]) -> str:
    """Fill the allowed placeholders; anything else is left as typed."""
    return string.Template(text or "").safe_substitute({k: values.get(k, "") for k in PLACEHOLDERS})


DEFAULTS: dict[str, tuple[str, str]] = {
    "birth": (
        "Kính gửi: Gia đình ông/bà $name",
        "Ủy ban nhân dân $commune vui mừng được biết gia đình ông/bà vừa đón thêm thành viên mới "
        "và đã hoàn thành thủ tục đăng ký khai sinh ngày $returned.\n"
        "Thay mặt chính quyền và Nhân dân $commune, chúng tôi xin gửi tới gia đình lời chúc mừng "
        "tốt đẹp nhất; chúc cháu bé luôn khỏe mạnh, ngoan ngoãn và lớn lên trong tình yêu thương "
        "của gia đình và cộng đồng.",
    ),
    "marriage": (
        "Kính gửi: Ông/bà $name",
        "Ủy ban nhân dân $commune trân trọng chúc mừng ông/bà đã đăng ký kết hôn ngày $returned.\n"
        "Chúc hai bạn trăm năm hạnh phúc, xây dựng gia đình no ấm, bình đẳng, tiến bộ và cùng "
        "chung tay xây dựng quê hương ngày càng giàu đẹp.",
    ),
    "condolence": (
        "Kính gửi: Gia đình ông/bà $name",
        "Ủy ban nhân dân $commune vô cùng thương tiếc báo tin buồn mà gia đình vừa trải qua.\n"
        "Thay mặt chính quyền và Nhân dân $commune, chúng tôi xin gửi tới gia đình lời chia buồn "
        "sâu sắc nhất. Mong gia đình sớm vượt qua mất mát này.",
    ),
    "apology": (
        "Kính gửi: Ông/bà $name",
        "Ngày $received, Ủy ban nhân dân $commune tiếp nhận hồ sơ “$procedure” của ông/bà "
        "(mã hồ sơ $code), hẹn trả kết quả $due. Kết quả đã được trả ngày $returned, chậm so với "
        "thời gian đã hẹn.\n"
        "Ủy ban nhân dân $commune thành thật xin lỗi ông/bà vì sự chậm trễ này và những phiền hà, "
        "tốn kém về thời gian, công sức mà ông/bà phải chịu. Chúng tôi cam kết chấn chỉnh để phục "
        "vụ Nhân dân ngày càng tốt hơn.",
    ),
}
