// Customers that no earlier run or demo seed can have: the name and phone carry this run's counter.
let counter = 0;

export function uniqueCustomer() {
  counter += 1;
  const serial = `${Date.now() % 100_000_000}`.padStart(8, '0');
  const tail = `${(Number(serial) + counter) % 100_000_000}`.padStart(8, '0');
  const phone = `139${tail}`;
  return {
    name: `测试客户${tail.slice(-4)}${counter}`,
    phone,
    // How the console shows a mainland mobile: 3-4-4 digit groups.
    phoneDisplay: `${phone.slice(0, 3)} ${phone.slice(3, 7)} ${phone.slice(7)}`,
    // What everyone sees until someone allowed to reveals it: first three and last four digits.
    phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`,
    email: `e2e${tail}@example.com`,
  };
}
