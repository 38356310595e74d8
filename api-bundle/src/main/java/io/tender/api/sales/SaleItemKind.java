package io.tender.api.sales;

/** What a sale item is. */
public enum SaleItemKind {
    /** A card worth an amount of money, redeemed in parts or at once. */
    GIFT_CARD,
    /** A number of visits, pooled or per service, valid for a number of days. */
    MEMBERSHIP
}
