package io.tender.methods.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tender.api.Money;
import io.tender.api.TenderException;
import io.tender.api.catalog.ClientHistory;
import io.tender.api.catalog.Employee;
import io.tender.api.catalog.Service;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrepaymentPolicyTest {

    private static final Service CUT = new Service("l", "cut", "Haircut", null, Money.of(4005, "EUR"), Money.of(4005, "EUR"));
    private static final Service COLOUR = new Service("l", "colour", "Colour", null, Money.of(6000, "EUR"), Money.of(9000, "EUR"));
    private static final Employee ANNA = new Employee("l", "anna", "Anna");
    private static final ClientHistory ANYONE = new ClientHistory(3, 0);

    private static PrepaymentOptions rules(Map<String, Object> options) {
        return PrepaymentOptions.of(options);
    }

    @Test
    void aPercentageOfThePriceIsRoundedHalfUpInMinorUnits() {
        PrepaymentOptions rules = rules(Map.of("services", Map.of("cut", Map.of("mode", "REQUIRED", "amount", "PERCENT", "value", 30))));
        assertThat(PrepaymentPolicy.prepayment(rules, CUT, null, ANYONE)).contains(new PrepaymentPolicy.Prepayment(Money.of(1202, "EUR"), true));
    }

    @Test
    void aPriceRangeIsPrepaidFromItsLowestPrice() {
        PrepaymentOptions rules = rules(Map.of("services", Map.of("colour", Map.of("mode", "REQUIRED"))));
        assertThat(PrepaymentPolicy.prepayment(rules, COLOUR, null, ANYONE)).contains(new PrepaymentPolicy.Prepayment(Money.of(6000, "EUR"), true));
    }

    @Test
    void theServicesRuleWinsOverTheEmployeesAndAnEmployeesRuleIsTheFullPrice() {
        PrepaymentOptions serviceOff = rules(Map.of("services", Map.of("cut", Map.of("mode", "OFF")),
                "employees", Map.of("anna", Map.of("mode", "REQUIRED"))));
        assertThat(PrepaymentPolicy.prepayment(serviceOff, CUT, ANNA, ANYONE)).isEmpty();
        PrepaymentOptions employeeOnly = rules(Map.of("employees", Map.of("anna", Map.of("mode", "REQUIRED"))));
        assertThat(PrepaymentPolicy.prepayment(employeeOnly, CUT, ANNA, ANYONE)).contains(new PrepaymentPolicy.Prepayment(Money.of(4005, "EUR"), true));
        assertThat(PrepaymentPolicy.prepayment(employeeOnly, CUT, null, ANYONE)).isEmpty();
    }

    @Test
    void optionalPrepaymentIsOfferedOnlyWhenTheLocationAllowsIt() {
        Map<String, Object> optional = Map.of("cut", Map.of("mode", "OPTIONAL", "amount", "FIXED", "value", 1000));
        assertThat(PrepaymentPolicy.prepayment(rules(Map.of("services", optional)), CUT, null, ANYONE)).isEmpty();
        assertThat(PrepaymentPolicy.prepayment(rules(Map.of("allowOptional", true, "services", optional)), CUT, null, ANYONE))
                .contains(new PrepaymentPolicy.Prepayment(Money.of(1000, "EUR"), false));
    }

    @Test
    void rulesOfTheWrongShapeNameThePath() {
        assertThatThrownBy(() -> rules(Map.of("services", Map.of("cut", Map.of("mode", "SOMETIMES")))))
                .isInstanceOfSatisfying(TenderException.class, e -> assertThat(e.field()).isEqualTo("options.services.cut.mode"));
        assertThatThrownBy(() -> rules(Map.of("holdMinute", 5)))
                .isInstanceOfSatisfying(TenderException.class, e -> assertThat(e.field()).isEqualTo("options.holdMinute"));
    }

    @Test
    void segmentsLimitPrepaymentToNewClientsNoShowsOrBigBookings() {
        Map<String, Object> cut = Map.of("cut", Map.of("mode", "REQUIRED"), "colour", Map.of("mode", "REQUIRED"));
        PrepaymentOptions newOrNoShow = rules(Map.of("services", cut, "segments", Map.of("newClients", true, "noShowClients", true)));
        assertThat(PrepaymentPolicy.prepayment(newOrNoShow, CUT, null, new ClientHistory(0, 0))).isPresent();
        assertThat(PrepaymentPolicy.prepayment(newOrNoShow, CUT, null, new ClientHistory(4, 1))).isPresent();
        assertThat(PrepaymentPolicy.prepayment(newOrNoShow, CUT, null, new ClientHistory(4, 0))).as("a regular").isEmpty();

        PrepaymentOptions above = rules(Map.of("services", cut, "segments", Map.of("bookingsAbove", 5000)));
        assertThat(PrepaymentPolicy.prepayment(above, CUT, null, ANYONE)).as("40.05 EUR is not above 50.00").isEmpty();
        assertThat(PrepaymentPolicy.prepayment(above, COLOUR, null, ANYONE)).isPresent();
        assertThat(PrepaymentPolicy.prepayment(rules(Map.of("services", cut)), CUT, null, ANYONE)).as("no segments: everyone")
                .isPresent();
    }
}
