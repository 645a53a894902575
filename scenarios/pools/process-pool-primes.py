from concurrent.futures import ProcessPoolExecutor
import math

def is_prime(n):
    if n < 2: return False
    for i in range(2, int(math.sqrt(n)) + 1):
        if n % i == 0: return False
    return True

numbers = [112272535095293, 112582705942171, 115280095190773, 115797848077099]

if __name__ == "__main__":
    with ProcessPoolExecutor(max_workers=4) as executor:
        results = executor.map(is_prime, numbers)
        for num, prime in zip(numbers, results):
            print(f"{num}: {'prime' if prime else 'not prime'}")
