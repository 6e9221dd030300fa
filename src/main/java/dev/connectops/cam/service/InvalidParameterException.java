package dev.connectops.cam.service;

/**
 * A parameter has a value the goal cannot work with. It names the parameter and gives a valid
 * example, so that the Maven side can say how to set it both in the POM and with {@code -D}.
 */
public class InvalidParameterException extends Exception {
    private static final long serialVersionUID = 1L;

    private final String parameter;
    private final String example;

    public InvalidParameterException(String parameter, String problem, String example) {
        super(problem);
        this.parameter = parameter;
        this.example = example;
    }

    /** The parameter's name, which is also its POM element. */
    public String parameter() {
        return parameter;
    }

    /** A valid value for the parameter. */
    public String example() {
        return example;
    }
}
