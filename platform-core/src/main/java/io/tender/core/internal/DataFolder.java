package io.tender.core.internal;

import java.nio.file.Path;

/** Where Tender keeps its files: the {@code tender.data.dir} property, set from TENDER_DATA_DIR by bin/tender. */
public final class DataFolder {

    /** The system or framework property naming the data folder. */
    public static final String PROPERTY = "tender.data.dir";

    private DataFolder() {
    }

    /** @return the data folder; {@code ./data} when the property is not set */
    public static Path path() {
        return Path.of(System.getProperty(PROPERTY, "data"));
    }
}
