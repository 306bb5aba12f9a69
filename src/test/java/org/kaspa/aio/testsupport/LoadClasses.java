package org.kaspa.aio.testsupport;

/**
 * Loads (links, never initialises) the classes named on the command line and prints {@code loaded <name>}
 * for each: run on the packaged runtime, it shows that what a class needs is there, even for code that only
 * runs on another OS (docker-java's named-pipe transport for Windows).
 */
public final class LoadClasses {
    private LoadClasses() {
    }

    public static void main(String[] names) throws Exception {
        for (String name : names) {
            Class<?> c = Class.forName(name, false, LoadClasses.class.getClassLoader());
            c.getDeclaredMethods(); // resolves the types its methods use
            System.out.println("loaded " + c.getName());
        }
    }
}
