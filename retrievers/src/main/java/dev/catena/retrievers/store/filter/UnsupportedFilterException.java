package dev.catena.retrievers.store.filter;

import dev.langchain4j.store.embedding.filter.Filter;

/**
 * Thrown when a store cannot express a metadata {@link Filter} in its own query language.
 *
 * <p>Stores never drop a filter they cannot translate: the search or delete fails with this
 * exception, which names the store, the offending filter and why it cannot be translated.
 */
public final class UnsupportedFilterException extends IllegalArgumentException {

    private final transient Filter filter;

    /**
     * @param store the store's name, e.g. {@code "Chroma"}
     * @param filter the filter (or sub-filter) that cannot be translated
     * @param reason what the store lacks
     */
    public UnsupportedFilterException(String store, Filter filter, String reason) {
        super(store + " cannot apply metadata filter " + filter + ": " + reason);
        this.filter = filter;
    }

    /** The filter, or sub-filter, that could not be translated. */
    public Filter filter() {
        return filter;
    }
}
