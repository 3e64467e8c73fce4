package dev.catena.llm.constraint.schema;

/** A JSON Schema that uses something the constraint compiler cannot enforce; names the keyword and where it is. */
public class UnsupportedSchemaException extends IllegalArgumentException {

    private final String keyword;
    private final String path;

    public UnsupportedSchemaException(String keyword, String path, String why) {
        super("unsupported JSON Schema keyword '" + keyword + "' at " + (path.isEmpty() ? "/" : path)
                + (why == null ? "" : ": " + why));
        this.keyword = keyword;
        this.path = path;
    }

    public String keyword() {
        return keyword;
    }

    /** The JSON Pointer of the schema object holding the keyword ({@code ""} for the root). */
    public String path() {
        return path;
    }
}
