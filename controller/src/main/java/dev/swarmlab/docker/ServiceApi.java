package dev.swarmlab.docker;

import java.util.List;

/** A swarm's services, as a manager reports them. */
public interface ServiceApi {
    /** Services carrying the label key=value (managers only). */
    List<LabelledObject> services(String labelKey, String labelValue);

    void removeService(String id);

    /** Creates a service (managers only); returns its id. Its image must be on every node that may run it. */
    String createService(ServiceRequest request);

    /** A service with its VIPs and tasks (managers only); tasks' nodes are given by hostname. */
    ServiceState inspectService(String name);
}
