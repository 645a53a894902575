items = [1, 2, 3]
result = sum(items) + undefined_name
