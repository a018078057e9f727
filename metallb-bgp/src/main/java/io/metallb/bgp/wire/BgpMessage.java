package io.metallb.bgp.wire;

/**
 * A BGP-4 message (RFC 4271 §4). Unknown message types are a Message Header Error, so there is no unknown case;
 * unknown capabilities and attributes are kept inside {@link Open} and {@link Update}.
 */
public sealed interface BgpMessage permits Open, Update, Notification, Keepalive, RouteRefresh {
    int OPEN = 1;
    int UPDATE = 2;
    int NOTIFICATION = 3;
    int KEEPALIVE = 4;
    int ROUTE_REFRESH = 5;

    /** The message type code. */
    int type();
}
