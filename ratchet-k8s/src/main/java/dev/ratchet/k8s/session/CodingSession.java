package dev.ratchet.k8s.session;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * A Ratchet session as a Kubernetes resource: {@code kubectl apply} submits it, {@code kubectl get cs} is the board,
 * {@code kubectl delete cs} cancels it. The CRD in k8s/base is generated from this class (CrdTest fails when they
 * differ); the printer columns are on {@link CodingSessionStatus}.
 */
@Group(CodingSession.GROUP)
@Version(CodingSession.VERSION)
@ShortNames("cs")
// After the status columns (Phase, Step, Verified): a CRD with columns of its own loses kubectl's default Age.
@AdditionalPrinterColumn(name = "Age", jsonPath = ".metadata.creationTimestamp", type = AdditionalPrinterColumn.Type.DATE)
public class CodingSession extends CustomResource<CodingSessionSpec, CodingSessionStatus> implements Namespaced {

    public static final String GROUP = "ratchet.dev";
    public static final String VERSION = "v1alpha1";
    /** The CRD's name, as {@code kubectl get crd} lists it. */
    public static final String CRD_NAME = "codingsessions." + GROUP;
}
