package dev.swarmlab.cli;

import dev.swarmlab.SwarmlabException;
import dev.swarmlab.net.Subnet;
import picocli.CommandLine;

/** Lets picocli reject a malformed --subnet as bad usage, before any work starts. */
final class SubnetConverter implements CommandLine.ITypeConverter<Subnet> {
    @Override
    public Subnet convert(String value) {
        try {
            return Subnet.parse(value);
        } catch (SwarmlabException e) {
            throw new CommandLine.TypeConversionException(e.getMessage());
        }
    }
}
