package io.tender.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void formatsInMajorUnitsOfTheCurrency() {
        assertThat(Money.of(2050, "EUR")).hasToString("20.50 EUR");
        assertThat(Money.of(1500, "JPY")).hasToString("1500 JPY");
        assertThat(Money.of(1234, "BHD")).hasToString("1.234 BHD");
    }

    @Test
    void addsAndSubtractsWithinOneCurrency() {
        assertThat(Money.of(1000, "EUR").plus(Money.of(250, "EUR"))).isEqualTo(Money.of(1250, "EUR"));
        assertThat(Money.of(1000, "EUR").minus(Money.of(250, "EUR"))).isEqualTo(Money.of(750, "EUR"));
        assertThat(Money.of(1, "EUR").compareTo(Money.of(2, "EUR"))).isNegative();
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of(1, "EUR").plus(Money.of(1, "USD")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("EUR").hasMessageContaining("USD");
    }

    @Test
    void failsOnOverflowInsteadOfWrapping() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").plus(Money.of(1, "EUR")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void acceptsOnlyIso4217Codes() {
        assertThatThrownBy(() -> Money.of(1, "eur")).hasMessageContaining("upper case");
        assertThatThrownBy(() -> Money.of(1, "XYZ")).hasMessageContaining("not an ISO-4217");
        assertThatThrownBy(() -> Money.of(1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
