# A syntax error anywhere stops the program before its first line runs: no output, exit code 2.
print("this line is never printed")
x = = 1
print(x)
