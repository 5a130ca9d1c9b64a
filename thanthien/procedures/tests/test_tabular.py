import pytest

from thanthien.procedures.tabular import TabularError, read_csv, read_upload, read_xlsx


def test_csv_with_semicolons_and_bom_is_read_with_row_numbers():
    data = "\ufeffrecord;code;name\r\nprocedure;1.001193;Đăng ký khai sinh\r\n\r\nstep;;Tiếp nhận\r\n".encode()
    tables = read_csv(data)
    assert tables["procedures"] == [[2, {"code": "1.001193", "name": "Đăng ký khai sinh"}]]
    assert tables["steps"][0][0] == 4


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("x.pdf", b"%PDF"),
        ("x.xlsx", b"not a zip"),
        ("x.csv", "record,code\n".encode("utf-16")),
        ("x.csv", b"code,name\n1,2\n"),
    ],
)
def test_unreadable_files_raise_a_clear_error(name, data):
    with pytest.raises(TabularError):
        read_upload(name, data)


def test_workbook_without_the_three_sheets_is_refused():
    import io

    from openpyxl import Workbook

    wb = Workbook()
    wb.active.title = "procedures"
    buffer = io.BytesIO()
    wb.save(buffer)
    with pytest.raises(TabularError):
        read_xlsx(buffer.getvalue())
