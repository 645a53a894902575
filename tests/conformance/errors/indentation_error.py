print("this line is never printed either")
    print("unexpected indent")
