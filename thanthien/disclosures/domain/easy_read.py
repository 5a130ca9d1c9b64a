"""The Law on Grassroots Democracy in easy-read Vietnamese (dễ đọc, dễ hiểu), for the public site.

Content, not interface text: short sentences, everyday words, one idea per line; each point
cites the article it explains (Luật Thực hiện dân chủ ở cơ sở số 10/2022/QH15).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Point:
    title: str
    lines: tuple[str, ...]
    source: str


MAIN_POINTS: tuple[Point, ...] = (
    Point(
        "Dân biết",
        (
            "Ủy ban nhân dân xã phải cho bà con biết 14 loại việc: kế hoạch, ngân sách, dự án, đất đai, "
            "các khoản hỗ trợ, phí và lệ phí, thủ tục hành chính và nhiều việc khác.",
            "Thông tin được dán ở trụ sở Ủy ban và nhà văn hóa thôn ít nhất 30 ngày liền.",
            "Quy chế dân chủ và thủ tục hành chính được dán thường xuyên.",
            "Chậm nhất 5 ngày làm việc sau khi có quyết định, Ủy ban phải công khai.",
        ),
        "Điều 11, 12, 13",
    ),
    Point(
        "Dân bàn và quyết định",
        (
            "Bà con họp thôn hoặc bỏ phiếu theo hộ để quyết định những việc của thôn: "
            "đóng góp xây dựng công trình, hương ước, quy ước.",
            "Cuộc họp hợp lệ khi có hơn một nửa số hộ dự họp.",
            "Việc được thông qua khi hơn một nửa tổng số hộ trong thôn đồng ý.",
        ),
        "Điều 15, 16, 17",
    ),
    Point(
        "Dân tham gia ý kiến",
        (
            "Trước khi quyết định những việc lớn như kế hoạch, quy hoạch, đất đai, Ủy ban phải hỏi ý kiến bà con.",
            "Thời gian lấy ý kiến ít nhất 20 ngày.",
            "Ủy ban phải cho bà con biết ý kiến nào được tiếp thu, ý kiến nào chưa và vì sao.",
        ),
        "Điều 25, 26, 28",
    ),
    Point(
        "Dân kiểm tra, giám sát",
        (
            "Bà con theo dõi, giám sát việc làm của chính quyền và cán bộ.",
            "Ban Thanh tra nhân dân và Ban Giám sát đầu tư của cộng đồng do bà con bầu ra thay mặt bà con giám sát.",
            "Bà con có quyền phản ánh, kiến nghị; cơ quan nhận được phải trả lời.",
        ),
        "Điều 30 đến Điều 45",
    ),
    Point(
        "Nếu thông tin chưa được công khai",
        (
            "Bà con có quyền yêu cầu Ủy ban cung cấp thông tin phải công khai mà chưa công khai, "
            "hoặc đã hết thời gian niêm yết.",
            "Ủy ban cung cấp theo Luật Tiếp cận thông tin.",
        ),
        "Điều 14",
    ),
)
