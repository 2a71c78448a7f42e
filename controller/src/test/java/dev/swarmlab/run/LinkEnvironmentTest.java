package dev.swarmlab.run;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.swarmlab.deploy.FakeHost;
import dev.swarmlab.lab.Lab;
import dev.swarmlab.lab.TestLabs;
import dev.swarmlab.plan.Verdict;
import dev.swarmlab.session.Connections;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --link gives the linking container ALIAS_* variables and the linked one none: each is a judged row of round 0. */
class LinkEnvironmentTest {
    @TempDir
    Path dir;

    @Test
    void theLinkingContainerHasTheAliasVariablesAndTheLinkedOneNone() throws Exception {
        Lab lab = TestLabs.read(dir, """
                name: links
                hosts: local:1
                networks: [{name: bridge}]
                workloads:
                  - {name: database, host: h1, networks: [bridge]}
                  - {name: frontend, host: h1, networks: [bridge], links: ["database:my-db"]}
                """);
        FakeHost h1 = new FakeHost("h1", "10.0.0.11");
        h1.environment.put("frontend", List.of("MY_DB_NAME=/frontend/my-db", "MY_DB_PORT=tcp://172.17.0.2:7000", "PATH=/bin"));
        h1.environment.put("database", List.of("PATH=/bin"));
        try (Connections connections = FakeHost.connect(dir, h1)) {
            List<StepRound> rows = LinkEnvironment.check(lab, connections);
            assertEquals(List.of("--link database:my-db gives frontend MY_DB_* variables", "database gets no MY_DB_* variables back (a link is one-way)"),
                    rows.stream().map(StepRound::title).toList());
            assertEquals("done: frontend: MY_DB_NAME=/frontend/my-db, MY_DB_PORT=tcp://172.17.0.2:7000", rows.get(0).outcome() + ": " + rows.get(0).detail());
            assertEquals("done: no MY_DB_* variables in database", rows.get(1).outcome() + ": " + rows.get(1).detail());
            assertEquals(List.of(Verdict.MATCHED, Verdict.MATCHED), rows.stream().map(StepRound::verdict).toList());

            h1.environment.put("frontend", List.of("PATH=/bin"));
            h1.environment.put("database", List.of("MY_DB_NAME=/x"));
            List<StepRound> wrong = LinkEnvironment.check(lab, connections);
            assertEquals(List.of("missing", "present"), wrong.stream().map(StepRound::outcome).toList());
            assertEquals(List.of(Verdict.UNEXPECTED, Verdict.UNEXPECTED), wrong.stream().map(StepRound::verdict).toList());
        }
    }
}
