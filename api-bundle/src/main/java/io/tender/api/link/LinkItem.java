package io.tender.api.link;

import io.tender.api.Money;

/**
 * One line of what a link asks to be paid.
 *
 * @param name      what it is
 * @param quantity  how many, at least 1
 * @param unitPrice the price of one
 */
public record LinkItem(String name, int quantity, Money unitPrice) {

    /** @return quantity times unit price */
    public Money total() {
        return new Money(Math.multiplyExact(unitPrice.minorUnits(), quantity), unitPrice.currency());
    }
}
