"""Pure-Python rules of the procedure catalogue (danh mục thủ tục hành chính): no ORM, no clock."""
