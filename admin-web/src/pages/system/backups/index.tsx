// Slot registered for issue 7; the page is being built.
export default function Page() {
  return null;
}
