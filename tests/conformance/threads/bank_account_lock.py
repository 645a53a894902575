import threading

class BankAccount:
    def __init__(self, balance=0):
        self.balance = balance
        self.lock = threading.Lock()

    def deposit(self, amount):
        with self.lock:
            self.balance += amount

    def withdraw(self, amount):
        with self.lock:
            if self.balance >= amount:
                self.balance -= amount
                return True
            return False

account = BankAccount(100)
def spender(n):
    ok = 0
    for _ in range(n):
        if account.withdraw(10):
            ok += 1
    results.append(ok)
results = []
ts = [threading.Thread(target=spender, args=(5,)) for _ in range(4)]
for t in ts: t.start()
for t in ts: t.join()
print("withdrawals:", sum(results), "balance:", account.balance)
