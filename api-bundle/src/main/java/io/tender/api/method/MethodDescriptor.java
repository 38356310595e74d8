package io.tender.api.method;

import java.util.List;

/**
 * What a payment method is, as admins see it.
 *
 * @param id         the method id, e.g. {@code booking-prepayment}
 * @param title      its name in the console
 * @param summary    one sentence on what it does
 * @param howItWorks the "How it works" description
 * @param examples   worked examples shown with the description
 */
public record MethodDescriptor(String id, String title, String summary, String howItWorks, List<String> examples) {

    public MethodDescriptor {
        examples = List.copyOf(examples);
    }
}
