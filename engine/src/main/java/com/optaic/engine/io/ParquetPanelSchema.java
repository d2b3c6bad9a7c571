package com.optaic.engine.io;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.conf.PlainParquetConfiguration;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * What makes a Parquet file a panel file: flat columns, {@code date} as a DATE or yyyy-MM-dd text, {@code asset}
 * as text, and fields that are numbers or labels, each of one kind in every file of a read.
 */
final class ParquetPanelSchema {
    private ParquetPanelSchema() {}

    enum Kind {
        NUMERIC,
        GROUP
    }

    static ParquetReadOptions readOptions() {
        return ParquetReadOptions.builder(new PlainParquetConfiguration()).build();
    }

    /** Checks a file's schema and adds its fields to {@code kinds}, which must agree across files. */
    static void classify(String source, MessageType schema, Set<String> groupFieldNames, Map<String, Kind> kinds) {
        if (!schema.containsField("date") || !schema.containsField("asset")) {
            List<String> names = schema.getFields().stream().map(Type::getName).toList();
            throw IoErrors.badFile(source, "a panel file needs columns 'date' and 'asset'; found " + names);
        }
        for (Type field : schema.getFields()) {
            String name = field.getName();
            if (!field.isPrimitive() || field.isRepetition(Type.Repetition.REPEATED)) {
                throw IoErrors.badFile(source, "column '" + name + "' is nested or repeated; panel columns are flat");
            }
            PrimitiveType type = field.asPrimitiveType();
            PrimitiveTypeName physical = type.getPrimitiveTypeName();
            LogicalTypeAnnotation logical = type.getLogicalTypeAnnotation();
            if (name.equals("date")) {
                boolean isDate = physical == PrimitiveTypeName.INT32
                        && logical instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation;
                if (!isDate && physical != PrimitiveTypeName.BINARY) {
                    throw IoErrors.badFile(
                            source, "column 'date' is " + type + "; expected INT32 (DATE) or a yyyy-MM-dd string");
                }
                continue;
            }
            boolean text = physical == PrimitiveTypeName.BINARY || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
            if (name.equals("asset")) {
                if (!text) {
                    throw IoErrors.badFile(source, "column 'asset' is " + type + "; expected a string");
                }
                continue;
            }
            Kind kind;
            if (text || groupFieldNames.contains(name)) {
                kind = Kind.GROUP;
            } else if (physical == PrimitiveTypeName.INT96) {
                throw IoErrors.badFile(source, "column '" + name + "' is INT96, which is not a number or a label");
            } else {
                kind = Kind.NUMERIC;
            }
            Kind previous = kinds.putIfAbsent(name, kind);
            if (previous != null && previous != kind) {
                throw IoErrors.badFile(
                        source,
                        "column '" + name + "' is " + type + " here but "
                                + (previous == Kind.GROUP ? "a label" : "numeric") + " in an earlier file");
            }
        }
    }
}
