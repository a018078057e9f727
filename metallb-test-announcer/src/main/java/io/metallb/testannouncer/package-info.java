/** What the {@code recording} announcers were given, for tests to assert on. */
package io.metallb.testannouncer;
