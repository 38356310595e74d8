package io.tender.api.sales;

import java.util.List;
import java.util.Map;

/**
 * The terms of a membership item: either pooled visits for any of {@code services}, or a number of
 * visits per service.
 *
 * @param visits        pooled visits, or null when they are counted per service
 * @param serviceVisits visits per service id, empty when they are pooled
 * @param services      for pooled visits, the services they may be used for; empty for any
 * @param validityDays  how many days the membership is valid
 * @param validFrom     whether those days start at purchase or at the first visit
 * @param locations     the locations where visits are used; empty for only the selling location
 */
public record MembershipTerms(Integer visits, Map<String, Integer> serviceVisits, List<String> services, int validityDays,
        ValidFrom validFrom, List<String> locations) {

    /** When a membership's validity starts. */
    public enum ValidFrom { PURCHASE, FIRST_VISIT }

    public MembershipTerms {
        serviceVisits = serviceVisits == null ? Map.of() : Map.copyOf(serviceVisits);
        services = services == null ? List.of() : List.copyOf(services);
        validFrom = validFrom == null ? ValidFrom.PURCHASE : validFrom;
        locations = locations == null ? List.of() : List.copyOf(locations);
    }
}
