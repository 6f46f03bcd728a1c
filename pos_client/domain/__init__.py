"""Pure business rules of the till: money, VAT, quantities, the cart. No Qt, no SQL, no I/O."""
