package dev.clickstream.tools.delete;

/**
 * One resource to delete. An optional target is one that only some versions create (KCL 3.x's
 * extra tables): it is deleted when present and not mentioned when absent.
 */
public record Target(Kind kind, String name, String role, boolean optional) {

    public enum Kind { STREAM, TABLE, BUCKET }

    public static Target required(Kind kind, String name, String role) {
        return new Target(kind, name, role, false);
    }

    public static Target optional(Kind kind, String name, String role) {
        return new Target(kind, name, role, true);
    }

    /** "lease table kclnodejsclickstreamsample", for the lines the command prints. */
    public String describe() {
        return role + " " + name;
    }
}
