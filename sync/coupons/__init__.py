"""Coupon codes shared by the till and the central service (pure: no HTTP, no database).

- crockford.py: the alphabet, normalising typed text, the check character (Damm over
  GF(32)), groups;
- terms.py: scope and value of a discount, basket checks, coupon times;
- signed.py: web-shop coupons signed with Ed25519 (offline at the till), 125-160 characters;
- verification.py: checking a signed coupon, with the reason it is refused (reasons.py);
- short_codes.py: 12-character typeable aliases of minted coupons (checked online);
- receipt_codes.py: 19-character receipt coupons, a truncated HMAC with a per-till key;
- kinds.py: which kind of code a text is.
The formats are described in docs/COUPONS.md.
"""
