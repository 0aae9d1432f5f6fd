// Customers that no earlier run or demo seed can have: the name and phone carry this run's counter.
let counter = 0;

export function uniqueCustomer() {
  counter += 1;
  const serial = `${Date.now() % 100_000_000}`.padStart(8, '0');
  const tail = `${(Number(serial) + counter) % 100_000_000}`.padStart(8, '0');
  return {
    name: `测试客户${tail.slice(-4)}${counter}`,
    phone: `139${tail}`,
    email: `e2e${tail}@example.com`,
  };
}
