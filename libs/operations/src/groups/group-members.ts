import { AssignerProtocol, type GroupDescription } from 'kafkajs';

export interface GroupMember {
  memberId: string;
  clientId: string;
  clientHost: string;
  /** topic -> partitions the member consumes (empty while the group rebalances). */
  assignment: Record<string, number[]>;
}

/** The members of a described group, with their assignments decoded. */
export function groupMembers(description: GroupDescription): GroupMember[] {
  return description.members.map((member) => {
    let assignment: Record<string, number[]> = {};
    if (member.memberAssignment.length > 0) {
      try {
        const decoded = AssignerProtocol.MemberAssignment.decode(member.memberAssignment)?.assignment ?? {};
        assignment = Object.fromEntries(
          Object.entries(decoded).map(([topic, partitions]) => [
            topic,
            [...partitions].sort((a, b) => a - b),
          ]),
        );
      } catch {
        // Not the standard consumer protocol (e.g. Kafka Connect): members are still named.
        assignment = {};
      }
    }
    return {
      memberId: member.memberId,
      clientId: member.clientId,
      // The broker reports a Java InetAddress: "/10.0.0.7".
      clientHost: member.clientHost.replace(/^\//, ''),
      assignment,
    };
  });
}

/** "clientId@host (memberId)" for each member: how refusals name them. */
export function nameMembers(members: readonly GroupMember[]): string {
  return members.map((m) => `${m.clientId}@${m.clientHost} (${m.memberId})`).join(', ');
}
