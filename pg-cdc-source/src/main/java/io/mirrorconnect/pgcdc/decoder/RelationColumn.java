package io.mirrorconnect.pgcdc.decoder;

/**
 * One column of a pgoutput Relation message.
 *
 * @param partOfKey    the column is part of the replica identity (flag bit 1)
 * @param typeModifier atttypmod, -1 when the type has none
 */
public record RelationColumn(boolean partOfKey, String name, int typeOid, int typeModifier) {
}
