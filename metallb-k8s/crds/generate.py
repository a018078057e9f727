#!/usr/bin/env python3
"""Writes metallb-java's CRD manifests (apiextensions.k8s.io/v1, group metallb.io).

Wire-compatible with MetalLB's CRDs: the same kinds, versions, field names, types and bounds, so objects written
for MetalLB apply unchanged. Descriptions are short and our own. Run from this directory; the output goes to
src/main/resources/io/metallb/k8s/crds/, where metallb-k8s (Crds) reads them, and the same bytes to
metallb-distribution/src/main/kubernetes/crds/, the manifests `kubectl apply -k` installs (a test there checks
the two copies are identical).
Needs python3-yaml.
"""
import os
import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "src", "main", "resources", "io", "metallb", "k8s", "crds")
MANIFESTS = os.path.join(HERE, "..", "..", "metallb-distribution", "src", "main", "kubernetes", "crds")


def s(**kw):
    return dict(type="string", **kw)


def i32(**kw):
    return dict(type="integer", format="int32", **kw)


def i64(**kw):
    return dict(type="integer", format="int64", **kw)


def arr(items, **kw):
    return dict(type="array", items=items, **kw)


def obj(props=None, required=None, **kw):
    o = dict(type="object")
    if props is not None:
        o["properties"] = props
    if required:
        o["required"] = required
    o.update(kw)
    return o


def selector(values_required=False):
    """A metav1.LabelSelector."""
    req = ["key", "operator"] + (["values"] if values_required else [])
    return obj({
        "matchExpressions": arr(obj({"key": s(), "operator": s(), "values": arr(s())}, req)),
        "matchLabels": obj(additionalProperties=s()),
    }, **{"x-kubernetes-map-type": "atomic"})


def duration():
    return s(description="A Go duration, e.g. 90s or 1m30s.")


ASN = dict(i64(minimum=0, maximum=4294967295))


def crd(kind, plural, versions, description, columns=()):
    vs = []
    for name, served, storage, props in versions:
        vs.append({
            "name": name,
            "served": served,
            "storage": storage,
            "subresources": {"status": {}},
            "additionalPrinterColumns": [dict(name=n, type=t, jsonPath=p) for n, t, p in columns],
            "schema": {"openAPIV3Schema": obj(dict(
                apiVersion=s(), kind=s(), metadata=obj(), **props), description=description)},
        })
    return {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": {"name": f"{plural}.metallb.io"},
        "spec": {
            "group": "metallb.io",
            "names": {"kind": kind, "listKind": kind + "List", "plural": plural, "singular": kind.lower()},
            "scope": "Namespaced",
            "versions": vs,
        },
    }


POOL = crd("IPAddressPool", "ipaddresspools", [("v1beta1", True, True, dict(
    spec=obj({
        "addresses": arr(s(), description="CIDRs (10.0.0.0/24) or ranges (10.0.0.10-10.0.0.20)."),
        "autoAssign": dict(type="boolean", default=True),
        "avoidBuggyIPs": dict(type="boolean", default=False),
        "serviceAllocation": obj({
            "priority": dict(type="integer"),
            "namespaces": arr(s()),
            "namespaceSelectors": arr(selector()),
            "serviceSelectors": arr(selector()),
        }),
    }, ["addresses"]),
    status=obj({k: i64() for k in ("assignedIPv4", "assignedIPv6", "availableIPv4", "availableIPv6")},
               ["assignedIPv4", "assignedIPv6", "availableIPv4", "availableIPv6"])))],
    "Addresses MetalLB may assign to LoadBalancer Services.",
    [("Auto Assign", "boolean", ".spec.autoAssign"), ("Avoid Buggy IPs", "boolean", ".spec.avoidBuggyIPs"),
     ("Addresses", "string", ".spec.addresses")])
POOL["spec"]["versions"][0]["schema"]["openAPIV3Schema"]["required"] = ["spec"]

L2 = crd("L2Advertisement", "l2advertisements", [("v1beta1", True, True, dict(
    spec=obj({
        "ipAddressPools": arr(s()),
        "ipAddressPoolSelectors": arr(selector()),
        "serviceSelectors": arr(selector()),
        "nodeSelectors": arr(selector()),
        "interfaces": arr(s()),
        "preferredNodeSelectors": arr(obj({
            "weight": i32(minimum=1, maximum=100),
            "preference": selector(),
        }, ["preference", "weight"])),
    }),
    status=obj()))],
    "Announces the addresses of the selected pools over layer 2 (ARP and NDP).",
    [("IPAddressPools", "string", ".spec.ipAddressPools"),
     ("IPAddressPool Selectors", "string", ".spec.ipAddressPoolSelectors"),
     ("Interfaces", "string", ".spec.interfaces"), ("Node Selectors", "string", ".spec.nodeSelectors")])

BGP_ADV = crd("BGPAdvertisement", "bgpadvertisements", [("v1beta1", True, True, dict(
    spec=obj({
        "aggregationLength": i32(minimum=1, default=32),
        "aggregationLengthV6": i32(default=128),
        "localPref": i32(),
        "communities": arr(s()),
        "ipAddressPools": arr(s()),
        "ipAddressPoolSelectors": arr(selector()),
        "serviceSelectors": arr(selector()),
        "nodeSelectors": arr(selector()),
        "peers": arr(s()),
    }, **{"x-kubernetes-validations": [{
        "rule": "!has(self.serviceSelectors) || self.serviceSelectors.size() == 0 || "
                "((!has(self.aggregationLength) || self.aggregationLength == 32) && "
                "(!has(self.aggregationLengthV6) || self.aggregationLengthV6 == 128))",
        "message": "serviceSelectors can only be used with aggregationLength 32 and aggregationLengthV6 128",
    }]}),
    status=obj()))],
    "Announces the addresses of the selected pools to BGP peers.",
    [("IPAddressPools", "string", ".spec.ipAddressPools"),
     ("IPAddressPool Selectors", "string", ".spec.ipAddressPoolSelectors"),
     ("Peers", "string", ".spec.peers"), ("Node Selectors", "string", ".spec.nodeSelectors")])

PEER_COMMON = {
    "myASN": ASN,
    "peerASN": ASN,
    "peerAddress": s(),
    "sourceAddress": s(),
    "routerID": s(),
    "holdTime": duration(),
    "keepaliveTime": duration(),
    "password": s(),
    "bfdProfile": s(),
    "ebgpMultiHop": dict(type="boolean"),
}
PEER_V1B1 = dict(PEER_COMMON, peerPort=dict(type="integer", minimum=0, maximum=16384),
                 nodeSelectors=arr(selector(values_required=True)))
PEER_V1B2 = dict(
    PEER_COMMON,
    peerPort=dict(type="integer", minimum=1, maximum=16384, default=179),
    nodeSelectors=arr(selector()),
    localASN=i64(minimum=1, maximum=4294967295),
    dynamicASN=s(enum=["internal", "external"]),
    interface=s(),
    vrf=s(),
    connectTime=s(**{"x-kubernetes-validations": [
        {"rule": "duration(self).getSeconds() >= 1 && duration(self).getSeconds() <= 65535",
         "message": "connectTime must be between 1 and 65535 seconds"},
        {"rule": "duration(self).getMilliseconds() % 1000 == 0",
         "message": "connectTime must be whole seconds"}]}),
    passwordSecret=obj({"name": s(), "namespace": s()}, **{"x-kubernetes-map-type": "atomic"}),
    disableMP=dict(type="boolean", default=False),
    dualStackAddressFamily=dict(type="boolean", default=False),
    enableGracefulRestart=dict(type="boolean", **{"x-kubernetes-validations": [
        {"rule": "self == oldSelf", "message": "enableGracefulRestart cannot be changed after creation"}]}),
)
PEER_COLUMNS = [("Address", "string", ".spec.peerAddress"), ("ASN", "string", ".spec.peerASN"),
                ("BFD Profile", "string", ".spec.bfdProfile"), ("Multi Hops", "string", ".spec.ebgpMultiHop")]
PEER = crd("BGPPeer", "bgppeers", [
    ("v1beta1", True, False, dict(spec=obj(PEER_V1B1, ["myASN", "peerASN", "peerAddress"]), status=obj())),
    ("v1beta2", True, True, dict(spec=obj(PEER_V1B2, ["myASN"]), status=obj())),
], "A BGP session the speakers open to a router.", PEER_COLUMNS)

COMMUNITY = crd("Community", "communities", [("v1beta1", True, True, dict(
    spec=obj({"communities": arr(obj({"name": s(), "value": s()}))}),
    status=obj()))], "Names for BGP community values, usable in BGPAdvertisements.")

BFD = crd("BFDProfile", "bfdprofiles", [("v1beta1", True, True, dict(
    spec=obj({
        "receiveInterval": i32(minimum=10, maximum=60000),
        "transmitInterval": i32(minimum=10, maximum=60000),
        "echoInterval": i32(minimum=10, maximum=60000),
        "detectMultiplier": i32(minimum=2, maximum=255),
        "minimumTtl": i32(minimum=1, maximum=254),
        "echoMode": dict(type="boolean"),
        "passiveMode": dict(type="boolean"),
    }),
    status=obj()))], "BFD settings that BGPPeers refer to by name.",
    [("Passive Mode", "boolean", ".spec.passiveMode"), ("Transmit Interval", "integer", ".spec.transmitInterval"),
     ("Receive Interval", "integer", ".spec.receiveInterval"), ("Multiplier", "integer", ".spec.detectMultiplier")])


def immutable(**kw):
    return s(**kw, **{"x-kubernetes-validations": [{"rule": "self == oldSelf", "message": "immutable"}]})


L2_STATUS = crd("ServiceL2Status", "servicel2statuses", [("v1beta1", True, True, dict(
    spec=obj(),
    status=obj({
        "node": immutable(),
        "serviceName": immutable(),
        "serviceNamespace": immutable(),
        "interfaces": arr(obj({"name": s()})),
    })))], "Which node announces a service over layer 2, written by that node's speaker.",
    [("Allocated Node", "string", ".status.node"), ("Service Name", "string", ".status.serviceName"),
     ("Service Namespace", "string", ".status.serviceNamespace")])

BGP_STATUS = crd("ServiceBGPStatus", "servicebgpstatuses", [("v1beta1", True, True, dict(
    spec=obj(),
    status=obj({
        "node": immutable(),
        "serviceName": immutable(),
        "serviceNamespace": immutable(),
        "peers": arr(s()),
    })))], "The BGP peers a node announces a service to, written by that node's speaker.",
    [("Node", "string", ".status.node"), ("Service Name", "string", ".status.serviceName"),
     ("Service Namespace", "string", ".status.serviceNamespace")])

CONDITION = obj({
    "type": s(maxLength=316),
    "status": s(enum=["True", "False", "Unknown"]),
    "observedGeneration": i64(minimum=0),
    "lastTransitionTime": s(format="date-time"),
    "reason": s(maxLength=1024),
    "message": s(maxLength=32768),
}, ["lastTransitionTime", "message", "reason", "status", "type"])

STATE = crd("ConfigurationState", "configurationstates", [("v1beta1", True, True, dict(
    status=obj({
        "result": s(enum=["Valid", "Invalid", "Unknown"]),
        "errorSummary": s(),
        "conditions": arr(CONDITION, **{"x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["type"]}),
    })))], "Whether the config a MetalLB component last read was accepted, and if not why.",
    [("Result", "string", ".status.result"), ("ErrorSummary", "string", ".status.errorSummary"),
     ("Age", "date", ".metadata.creationTimestamp")])

if __name__ == "__main__":
    for out in (OUT, MANIFESTS):
        os.makedirs(out, exist_ok=True)
    for c in (POOL, L2, BGP_ADV, PEER, COMMUNITY, BFD, L2_STATUS, BGP_STATUS, STATE):
        name = c["metadata"]["name"]
        text = "# Generated by metallb-k8s/crds/generate.py; edit that, not this.\n" + yaml.safe_dump(
            c, sort_keys=False, width=120)
        for out in (OUT, MANIFESTS):
            with open(os.path.join(out, name + ".yaml"), "w") as f:
                f.write(text)
        print(name)
