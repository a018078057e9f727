/** The BGP session state machine of RFC 4271 §8, as a pure function run on one event loop. */
package io.metallb.bgp.fsm;
