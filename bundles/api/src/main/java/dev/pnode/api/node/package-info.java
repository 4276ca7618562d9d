/**
 * The names by which the launcher and the node's bundles talk through framework properties and service properties:
 * each name has its home here, so that the side that sets a property and the sides that read it cannot drift apart.
 * They are compile-time constants: a bundle (or the launcher) that uses only them does not import this package at
 * run time.
 */
@Version("1.2.0")
@Export
package dev.pnode.api.node;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
