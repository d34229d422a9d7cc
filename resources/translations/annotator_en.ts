<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>Dashboard</name>
    <message numerus="yes">
        <source>about %n days to finish</source>
        <translation>
            <numerusform>about %n day to finish</numerusform>
            <numerusform>about %n days to finish</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n labels</source>
        <translation>
            <numerusform>%n label</numerusform>
            <numerusform>%n labels</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n min</source>
        <translation>
            <numerusform>%n min</numerusform>
            <numerusform>%n min</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Last %n days</source>
        <translation>
            <numerusform>Last day</numerusform>
            <numerusform>Last %n days</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DocumentDelegate</name>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>%n entity</numerusform>
            <numerusform>%n entities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n to review</source>
        <translation>
            <numerusform>%n to review</numerusform>
            <numerusform>%n to review</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message numerus="yes">
        <source>Only the %n documents shown in the document list</source>
        <translation>
            <numerusform>Only the document shown in the document list</numerusform>
            <numerusform>Only the %n documents shown in the document list</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n documents match.</source>
        <translation>
            <numerusform>%n document matches.</numerusform>
            <numerusform>%n documents match.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message numerus="yes">
        <source>%n new documents</source>
        <translation>
            <numerusform>%n new document</numerusform>
            <numerusform>%n new documents</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n entities</source>
        <translation>
            <numerusform>%n entity</numerusform>
            <numerusform>%n entities</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n relations</source>
        <translation>
            <numerusform>%n relation</numerusform>
            <numerusform>%n relations</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%1 of %n files</source>
        <translation>
            <numerusform>%1 of %n file</numerusform>
            <numerusform>%1 of %n files</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_DocumentSection</name>
    <message numerus="yes">
        <source>Set on %n documents; renaming carries them along.</source>
        <translation>
            <numerusform>Set on %n document; renaming carries it along.</numerusform>
            <numerusform>Set on %n documents; renaming carries them along.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Set on %n documents.</source>
        <translation>
            <numerusform>Set on %n document.</numerusform>
            <numerusform>Set on %n documents.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_EntitySection</name>
    <message numerus="yes">
        <source>%n entities use this label.</source>
        <translation>
            <numerusform>%n entity uses this label.</numerusform>
            <numerusform>%n entities use this label.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>_RelationSection</name>
    <message numerus="yes">
        <source>%n relations use this label.</source>
        <translation>
            <numerusform>%n relation uses this label.</numerusform>
            <numerusform>%n relations use this label.</numerusform>
        </translation>
    </message>
</context>
</TS>
